# Multi-stage build: the SDK publishes, the ASP.NET runtime image runs it as a non-root user.
# docker build -t nanshanbot . && docker run -p 5080:5080 -v "$PWD/knowledge:/knowledge" nanshanbot
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/NanshanBot -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# The knowledge is a volume, so admins edit it without rebuilding; the bundled copy is the default.
ENV Knowledge__Path=/knowledge \
    Data__Path=/data \
    ASPNETCORE_URLS=http://0.0.0.0:5080 \
    Logging__Format=json
RUN mkdir -p /knowledge /data && cp -r /app/knowledge/. /knowledge/ && chown -R app:app /knowledge /data
VOLUME ["/knowledge", "/data"]
USER app
EXPOSE 5080
HEALTHCHECK --interval=30s --timeout=3s CMD ["/bin/sh", "-c", "exec 3<>/dev/tcp/127.0.0.1/5080 && printf 'GET /readyz HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q Healthy <&3"]
ENTRYPOINT ["./NanshanBot"]
