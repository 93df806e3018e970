using MusicPlayer.Api;
using MusicPlayer.Api.Http;
using MusicPlayer.Application;
using MusicPlayer.Infrastructure;
using MusicPlayer.Infrastructure.Persistence;

if (args is ["--probe", var probeUrl]) return await HealthProbe.RunAsync(probeUrl);

var builder = WebApplication.CreateBuilder(Hosting.BuilderArgs(args));
builder.AddHosting().AddApi();
builder.Services.AddApplication().AddInfrastructure(builder.Configuration);

var app = builder.Build();
await app.Services.MigrateDatabaseAsync();
await app.Services.SeedDemoLibraryAsync(app.Configuration);
await app.EnsureConfiguredAdminAsync();
app.UseHosting().UseApi();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so the HTTP tests can host the real app.</summary>
public partial class Program;
