using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MusicPlayer.Application.Features.Catalog;
using MusicPlayer.Application.Features.Songs;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// <see cref="ICatalogReads"/> as one hand-written command per read (a song's detail: its row with the comment
/// count and the caller's like, joined to its albums; an album's tracks: its links joined to their songs), run without
/// EF Core's query pipeline. On SQLite the commands run on kept connections with their statements prepared once
/// (<see cref="SqliteReadConnections"/>); on PostgreSQL on the request's own connection. Everything is read from the
/// database at the moment of the request, so the answers are exact and the same on every instance, and
/// <c>SqlCatalogReadsTests</c> holds them equal to <see cref="SpecCatalogReads"/>'s, field by field.
/// SQL Server runs <see cref="SpecCatalogReads"/> (see <see cref="DependencyInjection"/>).
/// </summary>
internal sealed class SqlCatalogReads : ICatalogReads
{
    private readonly MusicPlayerDbContext? _context;
    private readonly SqliteReadConnections? _sqlite;

    /// <summary>On SQLite: the kept connections (a singleton; nothing of the request is needed).</summary>
    public SqlCatalogReads(SqliteReadConnections sqlite) => _sqlite = sqlite;

    /// <summary>Elsewhere: the request's own connection (and its transaction, if one is open).</summary>
    public SqlCatalogReads(MusicPlayerDbContext context) => _context = context;

    // The columns of SongDto, in the order ReadSong reads them.
    private const string SongColumns = """
        s."Id", s."Title", s."Artist", s."Genre", s."FileUrl", s."Duration", s."Description", s."CoverImageUrl", s."ReleaseDate",
        s."LikeCount", s."PlayCount", s."CreatedAt", s."UpdatedAt", s."AudioFormat", s."AudioMimeType", s."AudioSize",
        s."AudioSha256", s."AudioDurationSeconds", s."AudioBitrate", s."AudioSampleRate", s."AudioChannels"
        """;

    private const int SongColumnCount = 21;

    // One statement, so one read (one WAL read lock, one step sequence): the song's row with its comment count and the
    // caller's like, once per album it is on (a row with a null album when it is on none), albums in title order.
    internal const string SongDetailSql = $"""
        SELECT {SongColumns},
            CAST((SELECT COUNT(*) FROM "Comments" c WHERE c."SongId" = s."Id") AS INTEGER),
            CASE WHEN EXISTS (SELECT 1 FROM "UserLikes" ul WHERE ul."UserId" = @user AND ul."SongId" = s."Id") THEN 1 ELSE 0 END,
            a."Id", a."Title"
        FROM "Songs" s
        LEFT JOIN "AlbumSongs" l ON l."SongId" = s."Id"
        LEFT JOIN "Albums" a ON a."Id" = l."AlbumId"
        WHERE s."Id" = @song
        ORDER BY a."NormalizedTitle", a."Id";
        """;

    // Track order as ListAlbumSongs.Spec has it: numbered tracks by number, then the rest by title, then by song.
    internal const string AlbumTracksSql = $"""
        SELECT {SongColumns}, l."TrackNumber"
        FROM "AlbumSongs" l
        INNER JOIN "Songs" s ON s."Id" = l."SongId"
        WHERE l."AlbumId" = @album
        ORDER BY CASE WHEN l."TrackNumber" IS NULL THEN 1 ELSE 0 END, l."TrackNumber", s."NormalizedTitle", l."SongId";
        """;

    internal const string AlbumExistsSql = """SELECT 1 FROM "Albums" WHERE "Id" = @album;""";

    public Task<SongDetailDto?> SongDetailAsync(int songId, int? userId, CancellationToken cancellationToken) =>
        ReadAsync(SongDetailSql, command =>
        {
            Bind(command, "@song", songId);
            Bind(command, "@user", userId);
        }, ReadSongDetailAsync, cancellationToken);

    public async Task<IReadOnlyList<AlbumTrackDto>?> AlbumTracksAsync(int albumId, CancellationToken cancellationToken)
    {
        var tracks = await ReadAsync(AlbumTracksSql, command => Bind(command, "@album", albumId), ReadTracksAsync, cancellationToken);
        // No links: an empty album, or none at all. Only then is the album itself looked up.
        return tracks.Count > 0 || await ReadAsync(AlbumExistsSql, command => Bind(command, "@album", albumId),
            (reader, ct) => reader.ReadAsync(ct), cancellationToken)
            ? tracks
            : null;
    }

    private async Task<T> ReadAsync<T>(string sql, Action<DbCommand> bind, Func<DbDataReader, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken)
    {
        if (_sqlite is not null)
        {
            using var lease = _sqlite.Rent();
            try
            {
                var command = lease.Command(sql);
                bind(command);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                return await read(reader, cancellationToken);
            }
            catch
            {
                lease.Discard();
                throw;
            }
        }

        return await _context!.Database.ReadAsync(sql, bind, read, cancellationToken);
    }

    /// <summary>Sets a parameter of a kept command, or adds it to a new one.</summary>
    private static void Bind(DbCommand command, string name, int? value)
    {
        var index = command.Parameters.IndexOf(name);
        DbParameter parameter;
        if (index >= 0)
        {
            parameter = command.Parameters[index];
        }
        else
        {
            parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = System.Data.DbType.Int32;
            command.Parameters.Add(parameter);
        }

        parameter.Value = value is { } v ? v : DBNull.Value;
    }

    private static async Task<SongDetailDto?> ReadSongDetailAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        if (!await reader.ReadAsync(cancellationToken)) return null;
        var song = ReadSong<SongDetailDto>(reader);
        var commentCount = reader.GetInt32(SongColumnCount);
        var likedByMe = reader.GetInt32(SongColumnCount + 1) != 0;

        const int album = SongColumnCount + 2;
        var albums = new List<AlbumRefDto>();
        if (!reader.IsDBNull(album))
        {
            do albums.Add(new AlbumRefDto(reader.GetInt32(album), reader.GetString(album + 1)));
            while (await reader.ReadAsync(cancellationToken));
        }

        return song with { CommentCount = commentCount, LikedByMe = likedByMe, Albums = albums };
    }

    private static async Task<List<AlbumTrackDto>> ReadTracksAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var tracks = new List<AlbumTrackDto>();
        while (await reader.ReadAsync(cancellationToken))
            tracks.Add(ReadSong<AlbumTrackDto>(reader) with { TrackNumber = NullableInt(reader, SongColumnCount) });
        return tracks;
    }

    private static T ReadSong<T>(DbDataReader reader) where T : SongDto, new() => new()
    {
        Id = reader.GetInt32(0),
        Title = reader.GetString(1),
        Artist = reader.GetString(2),
        Genre = reader.GetString(3),
        FileUrl = reader.GetString(4),
        Duration = NullableInt(reader, 5),
        Description = reader.IsDBNull(6) ? null : reader.GetString(6),
        CoverImageUrl = reader.IsDBNull(7) ? null : reader.GetString(7),
        ReleaseDate = reader.IsDBNull(8) ? null : reader.GetFieldValue<DateOnly>(8),
        LikeCount = reader.GetInt32(9),
        PlayCount = reader.GetInt32(10),
        CreatedAt = Utc(reader.GetDateTime(11)),
        UpdatedAt = Utc(reader.GetDateTime(12)),
        // Stored audio is all of its columns or none (the required format tells).
        Audio = reader.IsDBNull(13) ? null : new AudioDto
        {
            Format = reader.GetString(13),
            MimeType = reader.GetString(14),
            Size = reader.GetInt64(15),
            Sha256 = reader.GetString(16),
            DurationSeconds = reader.GetDouble(17),
            Bitrate = NullableInt(reader, 18),
            SampleRate = NullableInt(reader, 19),
            Channels = NullableInt(reader, 20),
        },
    };

    private static int? NullableInt(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    // As the model's converter reads them: every stored time is UTC.
    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
