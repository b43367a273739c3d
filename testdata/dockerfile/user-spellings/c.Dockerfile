FROM alpine
USER root:wheel
