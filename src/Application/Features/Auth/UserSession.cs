namespace MusicPlayer.Application.Features.Auth;

/// <summary>What every authenticated request checks about its user: that they still exist, their session version and current role.</summary>
public sealed record UserSession(string Role, int SessionVersion);
