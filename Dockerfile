# The service's image: built on Debian bookworm with the project's own install script, run as a
# non-root user. Not run by CI (Docker is not available there); tests/e2e/deployment_files_test.cc
# checks that every file, command and variable named here exists in the tree and the binary.
#
#   docker build -t mysanta-rec .
#   docker compose up            (docker-compose.yml: the service, PostgreSQL 15, Redis 7)

FROM debian:bookworm AS build
WORKDIR /src
COPY scripts/install-deps scripts/install-deps
RUN scripts/install-deps
COPY . .
# (.dockerignore keeps local build folders out of the context.)
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo \
 && cmake --build build -j"$(nproc)" --target mysanta-rec \
 && strip build/mysanta-rec

FROM debian:bookworm-slim
COPY scripts/install-deps /usr/local/lib/mysanta/install-deps
RUN /usr/local/lib/mysanta/install-deps --runtime && rm -rf /var/lib/apt/lists/*
RUN useradd --system --create-home --home-dir /var/lib/mysanta --shell /usr/sbin/nologin mysanta
COPY --from=build /src/build/mysanta-rec /usr/local/bin/mysanta-rec
COPY sql/ /usr/local/share/mysanta/sql/
USER mysanta
WORKDIR /var/lib/mysanta
# The embedded default (SQLite files under /var/lib/mysanta/data) unless the URLs are set.
ENV HOST=0.0.0.0 \
    PORT=8001 \
    LOG_LEVEL=info
EXPOSE 8001
HEALTHCHECK --interval=10s --timeout=3s --start-period=120s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${PORT}/health" >/dev/null || exit 1
ENTRYPOINT ["/usr/local/bin/mysanta-rec"]
CMD ["serve"]
