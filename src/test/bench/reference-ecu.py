#!/usr/bin/env python3
"""The floor: a minimal DS2 module on a pty that echoes each byte and answers each telegram at
once, with nothing else (no model, no timing rules, no trace). Standard library only.

    reference-ecu.py LINK    make a pty pair, link its slave at LINK, serve until killed

It answers any telegram (length in its second byte) with the same 8 bytes. It is what the
operating system and the pty cost: side-by-side.py runs it beside `kline-bench sim --virtual`
(BENCHMARKS.md, "Side by side with a reference module").
"""
import os
import sys
import tty

ANSWER = bytes([0x00, 0x08, 0xA0, 0x12, 0x34, 0x56, 0x78])
ANSWER += bytes([ANSWER[0] ^ ANSWER[1] ^ ANSWER[2] ^ ANSWER[3] ^ ANSWER[4] ^ ANSWER[5] ^ ANSWER[6]])


def serve(link):
    master, slave = os.openpty()
    tty.setraw(slave)
    os.symlink(os.ttyname(slave), link)
    frame = bytearray()
    while True:
        data = os.read(master, 256)
        os.write(master, data)  # the echo a K-line gives
        frame += data
        while len(frame) >= 2 and len(frame) >= frame[1]:
            del frame[: max(frame[1], 2)]
            os.write(master, ANSWER)


if __name__ == "__main__":
    serve(sys.argv[1])
