namespace MusicPlayer.Application.Features.Songs;

/// <summary>The absolute URLs of a song's own endpoints, as clients reach the service.</summary>
public interface ISongUrls
{
    /// <summary>The absolute URL of <c>/api/v1/songs/{id}/stream</c>.</summary>
    string Stream(int songId);

    /// <summary>The stream URL carrying an expiry (Unix seconds) and its signature: usable without a token.</summary>
    string SignedStream(int songId, long expires, string signature);
}

public static class SongUrlExtensions
{
    /// <summary>
    /// The song as clients see it: a song with stored audio (or created from an uploaded file, which has
    /// no URL of its own) has its stream endpoint as <c>fileUrl</c>; any other keeps the URL it was given.
    /// </summary>
    public static T WithUrls<T>(this T song, ISongUrls urls) where T : SongDto =>
        song.Audio is null && song.FileUrl.Length > 0 ? song : (T)(song with { FileUrl = urls.Stream(song.Id) });

    public static List<T> WithUrls<T>(this IReadOnlyList<T> songs, ISongUrls urls) where T : SongDto
    {
        var result = new List<T>(songs.Count);
        foreach (var song in songs) result.Add(song.WithUrls(urls));
        return result;
    }
}
