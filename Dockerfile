# The dashboard as an image, for intranets (政务云) and clusters: one Streamlit replica on port 8501, run as a non-root
# user from a read-only /app, with the Chinese font the PDF handout embeds. It makes no request to another host
# (.streamlit/config.toml turns off Streamlit's usage statistics; the fonts and icons are the app's own).
# Build where PyPI and Debian's mirrors are reachable, then move it with docker save / docker load; two or more
# replicas need session affinity (deploy/compose.yaml, deploy/nginx.conf, deploy/kubernetes.yaml). README, "Deploying
# on an isolated network", gives every command.
#
#   docker build -t heze-dashboard .
#   docker build -t heze-dashboard --build-arg PIP_INDEX_URL=https://mirrors.example.cn/pypi/simple .   # a PyPI mirror
FROM python:3.11-slim-bookworm

# What packages.txt asks Streamlit Community Cloud for (fonts-noto-cjk), from the base image's Debian release.
COPY packages.txt /tmp/packages.txt
RUN apt-get update \
    && sed 's/#.*//' /tmp/packages.txt | DEBIAN_FRONTEND=noninteractive xargs apt-get install -y --no-install-recommends \
    && rm -rf /var/lib/apt/lists/* /tmp/packages.txt

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore

# requirements.txt alone first, so that a change to the app does not reinstall the libraries. pip checks every
# package's hash when requirements.txt carries hashes.
ARG PIP_INDEX_URL=https://pypi.org/simple
WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt

# The app, owned by root: the user it runs as can read it and write nowhere in it. Its bytecode is compiled here,
# since nothing is written at run time (PYTHONDONTWRITEBYTECODE).
COPY app.py ./
COPY .streamlit/ .streamlit/
COPY components/ components/
COPY pages/ pages/
COPY data/ data/
RUN python -m compileall -q /app \
    && groupadd --gid 10001 heze \
    && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /tmp --shell /usr/sbin/nologin heze

# A numeric user, so that Kubernetes' runAsNonRoot can check it. /tmp is the only place written to (mount a tmpfs
# there with a read-only root file system): the handout's worker process and libraries' caches use it, nothing else.
USER 10001:10001
# Listening on every interface and headless, Streamlit would print its network URLs, which it learns by asking
# checkip.amazonaws.com (and a socket towards 8.8.8.8) as it starts: on an isolated network a lookup that hangs.
# Without the welcome message it asks nothing (tests/e2e/test_replicas.py runs the replicas with these settings).
ENV HOME=/tmp \
    STREAMLIT_SERVER_HEADLESS=true \
    STREAMLIT_SERVER_ADDRESS=0.0.0.0 \
    STREAMLIT_SERVER_PORT=8501 \
    STREAMLIT_SERVER_FILE_WATCHER_TYPE=none \
    STREAMLIT_LOGGER_HIDE_WELCOME_MESSAGE=true
EXPOSE 8501

# Streamlit's own health endpoint, asked directly (the image has no curl; a proxy variable must not reroute it).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD ["python", "-c", "import os, urllib.request as u; r = u.build_opener(u.ProxyHandler({})).open('http://127.0.0.1:%s/_stcore/health' % os.environ.get('STREAMLIT_SERVER_PORT', '8501'), timeout=4); raise SystemExit(r.read() != b'ok')"]

CMD ["python", "-m", "streamlit", "run", "app.py"]
