FROM alpine
USER 0:0
