using MusicPlayer.Api;
using MusicPlayer.Application;
using MusicPlayer.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddApi();
builder.Services.AddApplication().AddInfrastructure(builder.Configuration);

var app = builder.Build();
await app.Services.MigrateDatabaseAsync();
await app.EnsureConfiguredAdminAsync();
app.UseApi();
await app.RunAsync();

/// <summary>Entry point; public so the HTTP tests can host the real app.</summary>
public partial class Program;
