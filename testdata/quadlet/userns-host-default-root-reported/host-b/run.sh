#!/bin/sh
podman run --rm --read-only --cap-drop=ALL -u 0 registry.example/job:1
