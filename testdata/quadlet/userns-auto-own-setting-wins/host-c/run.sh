#!/bin/sh
podman run --rm --read-only --cap-drop=ALL --userns=host -u 0 registry.example/job:1
podman run --rm --read-only --cap-drop=ALL -u 0 registry.example/job:2
