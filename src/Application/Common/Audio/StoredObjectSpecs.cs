using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Uploads;

namespace MusicPlayer.Application.Common.Audio;

/// <summary>Songs whose audio or cover is stored under the key.</summary>
public sealed class SongsReferencingSpec : Specification<Song>
{
    public SongsReferencingSpec(string key) =>
        Where(s => (s.Audio != null && s.Audio.StorageKey == key) || (s.Cover != null && s.Cover.StorageKey == key));
}

/// <summary>Albums whose cover is stored under the key.</summary>
public sealed class AlbumsReferencingSpec : Specification<Album>
{
    public AlbumsReferencingSpec(string key) => Where(a => a.Cover != null && a.Cover.StorageKey == key);
}

/// <summary>Upload sessions not yet completed that hold bytes stored under the key.</summary>
public sealed class UploadSessionsHoldingSpec : Specification<UploadSession>
{
    public UploadSessionsHoldingSpec(string key) => Where(s => s.StoredKey == key && s.CompletedAt == null);
}
