docker run --group-add docker -v /var/run/docker.sock:/var/run/docker.sock ci
