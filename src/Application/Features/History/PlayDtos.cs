using System.Text.Json.Serialization;
using MusicPlayer.Application.Features.Songs;

namespace MusicPlayer.Application.Features.History;

/// <summary>What a batch of plays did.</summary>
public sealed record RecordPlaysResult(int Accepted, int Duplicates);

/// <summary>One play in the caller's history.</summary>
public sealed record PlayDto
{
    public DateTime PlayedAt { get; init; }
    public int SecondsPlayed { get; init; }

    /// <summary>Whether the play counts towards the song's playCount, charts and statistics.</summary>
    public bool Counted { get; init; }
    public SongDto Song { get; init; } = null!;
}

/// <summary>A song on a chart, with its counted plays in the chart's period.</summary>
public sealed record ChartSongDto : SongDto
{
    [JsonPropertyOrder(1)]
    public int Plays { get; init; }
}

/// <summary>The caller's listening statistics over a range of local days.</summary>
public sealed record ListeningStatsDto
{
    public DateOnly From { get; init; }
    public DateOnly To { get; init; }

    /// <summary>The IANA time zone the days are in.</summary>
    public string Tz { get; init; } = "";

    /// <summary>Counted plays.</summary>
    public int TotalPlays { get; init; }

    /// <summary>Seconds played, over all plays (counted or not).</summary>
    public long TotalSeconds { get; init; }

    /// <summary>Different songs with at least one counted play.</summary>
    public int UniqueSongs { get; init; }
    public IReadOnlyList<TopSongDto> TopSongs { get; init; } = [];
    public IReadOnlyList<TopNameDto> TopArtists { get; init; } = [];
    public IReadOnlyList<TopNameDto> TopGenres { get; init; } = [];

    /// <summary>Every day of the range, in order, days without plays included.</summary>
    public IReadOnlyList<DayStatsDto> PerDay { get; init; } = [];
}

public sealed record TopSongDto(SongDto Song, int Plays);

public sealed record TopNameDto(string Name, int Plays);

/// <summary>One local day: counted plays and seconds of all plays.</summary>
public sealed record DayStatsDto(DateOnly Date, int Plays, long Seconds);
