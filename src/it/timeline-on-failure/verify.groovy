// The failed test's run, drawn: JUnit's file publishing put the page beside the test's other
// outputs, the build log names it, and it is the self-contained HTML timeline.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 1')
def printed = (log =~ /kline-bench: the timeline of 'threeCyclesTeachNothing\(Bench\)': (file:\S+)/)
assert printed.find() : 'the build log names the timeline'
def page = new File(new URI(printed.group(1)))
assert page.isFile() : "no file at ${page}"
assert page.path.contains('target/junit-jupiter/org.example.rig.OneCycleShortTest/')
def html = page.text
assert html.startsWith('<!DOCTYPE html>')
assert html.contains('<svg')
assert !(html =~ /<script[^>]+src=/) : 'the page loads nothing from elsewhere'
return true
