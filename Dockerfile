# syntax=docker/dockerfile:1
# Build with the Maven wrapper on a JDK 25 image; run the extracted app on a JRE 25 image as
# non-root, started from a JDK 25 AOT cache made by a training run while the image is built.

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -ntp dependency:go-offline
COPY src/ src/
COPY frontend/ frontend/
# Extracted as plain jars (app.jar with its lib/ beside it), not run by the JarLauncher: the AOT
# cache holds only classes loaded by the JDK's own class loaders from plain jar files.
RUN ./mvnw -B -ntp -DskipTests package \
 && cp target/mailflow-*.jar target/app.jar \
 && java -Djarmode=tools -jar target/app.jar extract --layers --destination target/extracted

FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 mailflow \
 && useradd --system --uid 10001 --gid mailflow --home-dir /app --shell /usr/sbin/nologin mailflow
WORKDIR /app
# One layer per Spring Boot layer, least often changed first, so rebuilds reuse the dependency layers.
COPY --from=build /src/target/extracted/dependencies/ ./
COPY --from=build /src/target/extracted/spring-boot-loader/ ./
COPY --from=build /src/target/extracted/snapshot-dependencies/ ./
COPY --from=build /src/target/extracted/application/ ./
# Memory defaults for a container (measured with bench/startup.sh, figures in bench/README.md): the
# heap takes 60% of the container's limit and starts small, leaving the rest to metaspace, the code
# cache, thread stacks and direct buffers; request handlers and probes run on virtual threads (no
# Tomcat platform thread pool to size), so the few platform threads get 512 KB stacks; die fast on
# OOM so the orchestrator restarts the pod.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:InitialRAMPercentage=5 -Xss512k -XX:ReservedCodeCacheSize=96m -XX:+ExitOnOutOfMemoryError -Djava.security.egd=file:/dev/urandom"
# Training run (JDK 25, JEP 514/515): the app starts with its defaults, stops once the Spring
# context is refreshed (spring.context.exit=onRefresh), and the JVM writes what it loaded, linked
# and profiled into the AOT cache. It reaches no remote service: the embedded database goes to a
# scratch directory, and the EHLO and instance names are given, so this host's name is not looked up.
RUN java -XX:AOTCacheOutput=/app/mailflow.aot -Dspring.context.exit=onRefresh -jar /app/app.jar \
        --mailflow.history.dir=/tmp/training --mailflow.history.instance=training \
        --mailflow.smtp.helo-name=training.invalid --server.port=0 \
 && rm -rf /tmp/training
# The embedded database (runs history) lives in /data: mount a volume there to keep runs.
RUN mkdir /data && chown 10001:10001 /data
ENV MAILFLOW_HISTORY_DIR=/data
VOLUME /data
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["java", "-XX:AOTCache=/app/mailflow.aot", "-jar", "/app/app.jar"]
