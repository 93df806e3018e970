using MusicPlayer.Application.Common.Observability;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>Keeps what the use cases report to the metrics port, in order.</summary>
public sealed class RecordingServiceMetrics : IServiceMetrics
{
    public List<LoginOutcome> Logins { get; } = [];

    public List<LikeChange> Likes { get; } = [];

    public List<(string Provider, DatabaseOperation Operation, bool Failed)> Commands { get; } = [];

    public void LoginAttempted(LoginOutcome outcome) => Logins.Add(outcome);

    public void LikeChanged(LikeChange change) => Likes.Add(change);

    public void DatabaseCommandCompleted(string provider, DatabaseOperation operation, bool failed, TimeSpan duration) =>
        Commands.Add((provider, operation, failed));
}
