FROM alpine
USER 00
