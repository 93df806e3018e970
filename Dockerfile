# syntax=docker/dockerfile:1
# MusicPlayer API, set to the SQL Server provider (every build has all providers). Build: docker build -t musicplayer .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so the package layer is cached across code changes.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Domain/MusicPlayer.Domain.csproj src/Domain/
COPY src/Application/MusicPlayer.Application.csproj src/Application/
COPY src/Infrastructure/MusicPlayer.Infrastructure.csproj src/Infrastructure/
COPY src/Api/MusicPlayer.Api.csproj src/Api/
RUN dotnet restore src/Api/MusicPlayer.Api.csproj
COPY src/ src/
RUN dotnet publish src/Api/MusicPlayer.Api.csproj -c Release --no-restore -o /app/publish

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app/publish .
# Configuration comes from the environment at run time; no secret is baked into the image.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Database__Provider=SqlServer
EXPOSE 8080
# The aspnet images ship a non-root user; APP_UID is its id.
USER $APP_UID
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["dotnet", "MusicPlayer.Api.dll", "--probe", "http://localhost:8080/health/ready"]
ENTRYPOINT ["dotnet", "MusicPlayer.Api.dll"]
