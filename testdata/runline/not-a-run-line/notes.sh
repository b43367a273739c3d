echo "docker run --privileged is dangerous"
docker ps
docker images --privileged
