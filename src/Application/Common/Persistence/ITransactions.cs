namespace MusicPlayer.Application.Common.Persistence;

/// <summary>Runs several writes (repositories and stores of this request) as one transaction: all of them or none.</summary>
public interface ITransactions
{
    /// <summary>
    /// Runs <paramref name="work"/> in a transaction and commits it. Callers that must not be interrupted by
    /// the client hanging up pass <see cref="CancellationToken.None"/> here and to the writes inside.
    /// </summary>
    Task RunAsync(Func<Task> work, CancellationToken cancellationToken);
}
