using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Features.Playlists;
using MusicPlayer.Domain.Playlists;

namespace MusicPlayer.Application.UnitTests.Caching;

/// <summary>
/// Playlist states and pages are served from memory until <see cref="CatalogVersion.Playlists"/> (or the catalog's
/// edits) move on, and only requests marked <see cref="IChangesPlaylists"/> (or <see cref="IChangesCatalog"/>) move
/// them. A playlist write that is not marked would leave readers on stale pages, or on a private playlist still
/// served to others as public, with nothing failing; this test makes it fail.
/// </summary>
public sealed class PlaylistWriteMarkingTests
{
    /// <summary>The ports that write playlists: their rows, and their entries through the store.</summary>
    private static readonly Type[] PlaylistWritePorts = [typeof(IRepository<Playlist>), typeof(IPlaylistStore)];

    public static TheoryData<Type> AllHandlers() => new(Handlers.All);

    [Theory]
    [MemberData(nameof(AllHandlers))]
    public void Handler_WritingPlaylists_HandlesARequestMarkedAsChangingThem(Type handler)
    {
        var request = RequestOf(handler)!;
        var writes = WritePortsOf(handler);

        if (writes.Length > 0)
            (typeof(IChangesPlaylists).IsAssignableFrom(request) || IsCatalogEdit(request)).Should().BeTrue(
                $"{request.FullName} writes through {string.Join(", ", writes.Select(w => w.Name))}, so cached playlist reads must be invalidated");
        else
            typeof(IChangesPlaylists).IsAssignableFrom(request).Should().BeFalse(
                $"{request.FullName} writes no playlist, so it must not throw every cached playlist read away");
    }

    [Fact]
    public void Handlers_AreFound_IncludingEveryPlaylistWrite()
    {
        var marked = Handlers.All.Select(h => RequestOf(h)!).Where(typeof(IChangesPlaylists).IsAssignableFrom).ToList();

        marked.Should().Contain([typeof(CreatePlaylist.Command), typeof(UpdatePlaylist.Command), typeof(DeletePlaylist.Command),
            typeof(AddPlaylistSongs.Command), typeof(MovePlaylistEntry.Command), typeof(RemovePlaylistEntry.Command)]);
    }

    // A catalog edit (not counts only) moves the edits version, which playlist caches key by too.
    private static bool IsCatalogEdit(Type request) =>
        typeof(IChangesCatalog).IsAssignableFrom(request) && !typeof(IChangesCountsOnly).IsAssignableFrom(request);

    private static Type? RequestOf(Type handler) => Handlers.RequestOf(handler);

    private static Type[] WritePortsOf(Type handler) => Handlers.PortsOf(handler, PlaylistWritePorts);
}
