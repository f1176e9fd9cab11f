# syntax=docker/dockerfile:1
# One image per service, from the repository root:
#   docker build --build-arg SERVICE=order-service -t orderflow/order-service:0.1.0 .
# docker compose builds all five and auth-server (docker-compose.yml); Kubernetes runs the same
# images.

FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
ARG SERVICE
# the Maven cache outlives the build, so rebuilding another service downloads nothing again
RUN --mount=type=cache,target=/root/.m2 \
    test -n "$SERVICE" || { echo "--build-arg SERVICE=<one of the five services, or auth-server> is required" >&2; exit 1; } \
    && mvn -B -q -ntp -DskipTests -pl "$SERVICE" -am package \
    && mkdir -p /out/app /out/otel \
    && cp "$SERVICE"/target/"$SERVICE"-*-exec.jar /out/app/app.jar \
    && agent_version="$(sed -n 's:.*<opentelemetry-instrumentation.version>\(.*\)</opentelemetry-instrumentation.version>.*:\1:p' pom.xml)" \
    && mvn -B -q -ntp -N dependency:copy -Dmdep.stripVersion=true -DoutputDirectory=/out/otel \
        -Dartifact="io.opentelemetry.javaagent:opentelemetry-javaagent:$agent_version" \
    && cp observability/otel/javaagent.properties /out/otel/

FROM eclipse-temurin:21-jre-alpine
RUN addgroup -S -g 10001 orderflow && adduser -S -D -H -u 10001 -G orderflow orderflow
COPY --from=build /out/otel/ /otel/
COPY --from=build /out/app/app.jar /app/app.jar
USER 10001:10001
# The heap follows the container's memory limit. The OpenTelemetry agent is attached by the
# deployment through JAVA_TOOL_OPTIONS (-javaagent:/otel/opentelemetry-javaagent.jar
# -Dotel.javaagent.configuration-file=/otel/javaagent.properties), so it can be left off.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=60", "-XX:+UseSerialGC", "-Xss512k", "-jar", "/app/app.jar"]
