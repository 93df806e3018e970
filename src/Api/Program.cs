using MusicPlayer.Api;
using MusicPlayer.Api.Http;
using MusicPlayer.Application;
using MusicPlayer.Infrastructure;
using MusicPlayer.Infrastructure.Persistence;

if (args is ["--probe", var probeUrl]) return await HealthProbe.RunAsync(probeUrl);

var builder = WebApplication.CreateBuilder(args);
builder.AddHosting().AddApi();
builder.Services.AddApplication().AddInfrastructure(builder.Configuration);

var app = builder.Build();
// The database's start-up work (the schema check, the search backfill, the signing keys) and the building of the
// HTTP pipeline (the controllers' endpoints, the document) need nothing of each other: they overlap, on a thread
// each. Nothing is served before both are done.
var database = Task.Run(() => app.Services.MigrateDatabaseAsync());
app.UseHosting().UseApi();
await database;
await app.Services.SeedDemoLibraryAsync(app.Configuration);
await app.EnsureConfiguredAdminAsync();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so the HTTP tests can host the real app.</summary>
public partial class Program;
