using System.Text.Json.Serialization;

namespace MusicPlayer.Application.Features.Songs;

/// <summary>A song as lists show it.</summary>
public record SongDto
{
    public int Id { get; init; }
    public string Title { get; init; } = "";
    public string Artist { get; init; } = "";
    public string Genre { get; init; } = "";
    public string FileUrl { get; init; } = "";

    /// <summary>Length in seconds.</summary>
    public int? Duration { get; init; }
    public string? Description { get; init; }
    public string? CoverImageUrl { get; init; }
    public DateOnly? ReleaseDate { get; init; }
    public int LikeCount { get; init; }

    /// <summary>Counted plays (see the listening history's counted rule).</summary>
    public int PlayCount { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }

    /// <summary>The stored audio, when the song's file was uploaded; null otherwise.</summary>
    public AudioDto? Audio { get; init; }
}

/// <summary>A song's stored audio: what the bytes are and the stream's own properties.</summary>
public sealed record AudioDto
{
    /// <summary><c>mp3</c>, <c>flac</c>, <c>oggVorbis</c>, <c>oggOpus</c>, <c>mp4</c> or <c>wav</c>, recognised from the bytes.</summary>
    public string Format { get; init; } = "";
    public string MimeType { get; init; } = "";

    /// <summary>Size in bytes.</summary>
    public long Size { get; init; }

    /// <summary>SHA-256 of the bytes, lower-case hex.</summary>
    public string Sha256 { get; init; } = "";

    /// <summary>Exact duration in seconds, to the millisecond.</summary>
    public double DurationSeconds { get; init; }

    /// <summary>Average bits per second, when known.</summary>
    public int? Bitrate { get; init; }
    public int? SampleRate { get; init; }
    public int? Channels { get; init; }
}

/// <summary>A song on an album's track list.</summary>
public sealed record AlbumTrackDto : SongDto
{
    // After the fields of the base shape, so every response reads in the same order.
    [JsonPropertyOrder(1)]
    public int? TrackNumber { get; init; }
}

/// <summary>An album a song is on.</summary>
public sealed record AlbumRefDto(int Id, string Title);

/// <summary>One song with the albums it is on: the mapping gives the song's own fields, <see cref="SongDetailReader"/> adds the albums, the caller's like and the comment count.</summary>
public sealed record SongDetailDto : SongDto
{
    [JsonPropertyOrder(1)]
    public IReadOnlyList<AlbumRefDto> Albums { get; init; } = [];

    /// <summary>Whether the caller likes this song.</summary>
    [JsonPropertyOrder(1)]
    public bool LikedByMe { get; init; }

    /// <summary>How many comments the song has, counted when read.</summary>
    [JsonPropertyOrder(1)]
    public int CommentCount { get; init; }
}
