import json, sys
# usage: python3 .schema-add.py '<json: {type: [description, {field: jsonschema}]}>'
p='bench-config/report.schema.json'
s=json.load(open(p))
add=json.loads(sys.argv[1])
ev=s['$defs']['events']
for t,(desc,fields) in add.items():
    props={"at-ns":{"$ref":"#/$defs/nanos"},"t":{"$ref":"#/$defs/seconds"},"type":{"const":t}}
    props.update(fields)
    ev[t]={"title":t,"description":desc,"type":"object","properties":props,"required":list(props.keys()),"additionalProperties":False}
s['$defs']['events']=dict(sorted(ev.items()))
s['$defs']['event']['oneOf']=[{"$ref":"#/$defs/events/"+k} for k in s['$defs']['events']]
json.dump(s,open(p,'w'),indent=2)
open(p,'a').write('\n')
