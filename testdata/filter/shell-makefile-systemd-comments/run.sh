#!/bin/sh
# cagelint:ignore CG101 flashes firmware over USB
docker run --rm --privileged --read-only --user 1000 --cap-drop ALL flasher:1
