# syntax=docker/dockerfile:1
# Build with the Maven wrapper on a JDK 25 image; run the layered app on a JRE 25 image as non-root.

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -ntp dependency:go-offline
COPY src/ src/
COPY frontend/ frontend/
RUN ./mvnw -B -ntp -DskipTests package \
 && cp target/mailflow-*.jar target/app.jar \
 && java -Djarmode=tools -jar target/app.jar extract --layers --launcher --destination target/extracted

FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 mailflow \
 && useradd --system --uid 10001 --gid mailflow --home-dir /app --shell /usr/sbin/nologin mailflow
WORKDIR /app
# One layer per Spring Boot layer, least often changed first, so rebuilds reuse the dependency layers.
COPY --from=build /src/target/extracted/dependencies/ ./
COPY --from=build /src/target/extracted/spring-boot-loader/ ./
COPY --from=build /src/target/extracted/snapshot-dependencies/ ./
COPY --from=build /src/target/extracted/application/ ./
# The embedded database (runs history) lives in /data: mount a volume there to keep runs.
RUN mkdir /data && chown 10001:10001 /data
ENV MAILFLOW_HISTORY_DIR=/data
VOLUME /data
USER 10001:10001
EXPOSE 8080
# Size the heap from the container's memory limit; die fast on OOM so the orchestrator restarts us.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=25 -XX:+ExitOnOutOfMemoryError -Djava.security.egd=file:/dev/urandom"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
