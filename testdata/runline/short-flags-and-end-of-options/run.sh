docker run -itd -u0 -v/:/host --rm -- alpine --privileged
nerdctl run -e A=1 -p 80:80 --cap-drop ALL --cap-add NET_BIND_SERVICE web
