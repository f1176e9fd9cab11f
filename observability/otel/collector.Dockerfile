# The collector image is distroless: no shell, no curl, nothing a container health check can
# run. A static busybox gives it wget for that, and nothing else changes.
FROM busybox:1.37.0-musl AS tools

FROM otel/opentelemetry-collector-contrib:0.139.0
COPY --from=tools /bin/busybox /busybox
