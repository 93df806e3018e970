using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Features.History;
using MusicPlayer.Application.Features.Likes;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.UnitTests.Caching;

/// <summary>
/// Public catalog lists are served from memory until the catalog version moves on, and only
/// requests marked <see cref="IChangesCatalog"/> move it. A write that changes what a list shows
/// but is not marked would leave clients reading stale lists with nothing failing; this test makes
/// it fail. A new feature whose writes change what the catalog lists show (a new counter on songs,
/// say) adds the store that writes it to <see cref="CatalogWritePorts"/>.
/// </summary>
public sealed class CatalogWriteMarkingTests
{
    /// <summary>The stores that write what public album and song lists show: the rows, the like counters and the play counters.</summary>
    private static readonly Type[] CatalogWritePorts = [typeof(IRepository<Album>), typeof(IRepository<Song>), typeof(ILikeStore), typeof(IPlayStore)];

    /// <summary>The stores that write only the like and play counters (and what lists show of them).</summary>
    private static readonly Type[] CounterWritePorts = [typeof(ILikeStore), typeof(IPlayStore)];

    public static TheoryData<Type> AllHandlers() => new(Handlers.All);

    [Theory]
    [MemberData(nameof(AllHandlers))]
    public void Handler_WritingWhatCatalogListsShow_HandlesARequestMarkedAsChangingTheCatalog(Type handler)
    {
        var request = RequestOf(handler)!;
        var writes = WritePortsOf(handler);

        if (writes.Length > 0)
            typeof(IChangesCatalog).IsAssignableFrom(request).Should().BeTrue(
                $"{request.FullName} writes through {string.Join(", ", writes.Select(w => w.Name))}, so cached lists must be invalidated");
        else
            typeof(IChangesCatalog).IsAssignableFrom(request).Should().BeFalse(
                $"{request.FullName} writes nothing catalog lists show, so it must not throw every cached list away");
    }

    [Theory]
    [MemberData(nameof(AllHandlers))]
    public void Handler_OfACountsOnlyWrite_WritesOnlyCounters(Type handler)
    {
        if (!typeof(IChangesCountsOnly).IsAssignableFrom(RequestOf(handler))) return;

        WritePortsOf(handler).Should().BeSubsetOf(CounterWritePorts,
            "a write marked as changing counts only lets cached lists lag a second, which only like and play counts may");
    }

    [Fact]
    public void Handlers_AreFound_IncludingBothKindsOfRequest()
    {
        var requests = Handlers.All.Select(h => RequestOf(h)!).ToList();

        requests.Should().Contain(typeof(CreateSong.Command)).And.Contain(typeof(ListSongs.Query));
        requests.Count(typeof(IChangesCatalog).IsAssignableFrom).Should().BeGreaterThanOrEqualTo(10);
    }

    private static Type? RequestOf(Type handler) => Handlers.RequestOf(handler);

    private static Type[] WritePortsOf(Type handler) => Handlers.PortsOf(handler, CatalogWritePorts);
}
