FROM alpine
ENV U=app
USER $U
