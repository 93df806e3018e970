using MusicPlayer.Application.Common.Persistence;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>Runs the work as it comes (the in-memory fakes have nothing to roll back), remembering the token it was given.</summary>
public sealed class ImmediateTransactions : ITransactions
{
    public int Runs { get; private set; }

    public CancellationToken LastToken { get; private set; }

    public async Task RunAsync(Func<Task> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Runs++;
        LastToken = cancellationToken;
        await work();
    }
}
