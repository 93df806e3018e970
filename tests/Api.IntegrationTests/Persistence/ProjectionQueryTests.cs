using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Features.Albums;
using MusicPlayer.Application.Features.Likes;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Application.Features.Users;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Likes;
using MusicPlayer.Domain.Users;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Api.IntegrationTests.Persistence;

/// <summary>
/// The read specifications, run through the app's own repositories on its database, select just the columns
/// their DTOs show (the Mapster projections and the few hand-written ones run in SQL) and load no entity.
/// The SQL is captured by an EF Core command interceptor, per call.
/// </summary>
public sealed class ProjectionQueryTests(ProjectionQueryTests.Factory factory) : IClassFixture<ProjectionQueryTests.Factory>
{
    // The stored audio's columns (never its storage key); EF reads a NULL marker beside them for the owned value's null check.
    private static readonly string[] SongColumns =
        ["Id", "Title", "Artist", "Genre", "FileUrl", "Duration", "Description", "CoverImageUrl", "ReleaseDate", "LikeCount", "PlayCount", "CreatedAt", "UpdatedAt",
         "NULL", "AudioFormat", "AudioMimeType", "AudioSize", "AudioSha256", "AudioDurationSeconds", "AudioBitrate", "AudioSampleRate", "AudioChannels"];

    private static readonly string[] AlbumColumns =
        ["Id", "Title", "Artist", "Genre", "Description", "CoverImageUrl", "ReleaseDate", "CreatedAt", "UpdatedAt"];

    private static readonly string[] UserColumns =
        ["Id", "Username", "Email", "FirstName", "LastName", "Role", "CreatedAt", "UpdatedAt"];

    [Fact]
    public async Task ListSongs_SelectsTheSongDtoColumnsOnly()
    {
        await SeedAsync();

        var read = await ReadAsync(new ListSongs.Spec(new ListSongs.Query()));

        read.Rows.Should().NotBeEmpty();
        read.SelectedColumns().Should().BeEquivalentTo(SongColumns, "the list sorts by NormalizedTitle but does not select it");
        read.ShouldLoadNoEntity();
    }

    [Fact]
    public async Task ListAlbums_SelectsTheAlbumDtoColumnsOnly()
    {
        await SeedAsync();

        var read = await ReadAsync(new ListAlbums.Spec(new ListAlbums.Query()));

        read.Rows.Should().NotBeEmpty();
        read.SelectedColumns().Should().BeEquivalentTo(AlbumColumns);
        read.ShouldLoadNoEntity();
    }

    [Fact]
    public async Task GetAlbum_CountsTheSongsInSqlWithoutReadingTheLinks()
    {
        var (albumId, _) = await SeedAsync();

        var read = await ReadAsync(new AlbumDetailSpec(albumId), first: true);

        read.Rows.Should().ContainSingle().Which.SongCount.Should().Be(1);
        read.SelectedColumns().Should().BeEquivalentTo([.. AlbumColumns, "SongCount"]);
        read.Sql.Should().ContainEquivalentOf("COUNT(*)").And.NotContain("JOIN", "the links are counted, not loaded");
        read.ShouldLoadNoEntity();
    }

    [Fact]
    public async Task ListAlbumSongs_SelectsTheTrackColumnsOnly_FindingTheLinksByTheAlbumsKey()
    {
        var (albumId, songId) = await SeedAsync();

        var read = await ReadAsync(new ListAlbumSongs.Spec(albumId));

        read.Rows.Should().ContainSingle().Which.Id.Should().Be(songId);
        read.SelectedColumns().Should().BeEquivalentTo([.. SongColumns, "TrackNumber"]);
        read.ShouldLoadNoEntity();
        // Nested in a read of the album, the links were a LEFT JOIN on a derived table of every link with its song,
        // which SQLite built whole for each request (200 ms at 70,000 links): the read starts from the album's links.
        read.Sql.Should().NotContain("LEFT JOIN").And.MatchRegex("FROM \"AlbumSongs\" AS \"?\\w+\"?\\s+INNER JOIN \"Songs\"");
        if (await SqlitePlanAsync(read.Sql, albumId) is { } plan)
            plan.Should().NotContain("SCAN", "every table is searched by a key, none scanned");
    }

    [Fact]
    public async Task GetSong_SelectsTheSongsColumnsAndItsAlbumsIdsAndTitlesOnly()
    {
        var (albumId, songId) = await SeedAsync();

        var song = await ReadAsync(new SongDetailSpec(songId), first: true);
        var albums = await ReadAsync(new AlbumsOfSongSpec(songId));

        song.Rows.Should().ContainSingle().Which.Id.Should().Be(songId);
        song.SelectedColumns().Should().BeEquivalentTo(SongColumns);
        song.ShouldLoadNoEntity();
        albums.Rows.Should().ContainSingle().Which.Id.Should().Be(albumId);
        albums.SelectedColumns().Should().BeEquivalentTo("AlbumId", "Title");
        albums.ShouldLoadNoEntity();
    }

    [Fact]
    public async Task ListMyLikes_SelectsTheSongColumnsAndWhenLikedOnly()
    {
        var (_, songId) = await SeedAsync();

        var read = await ReadAsync(new ListMyLikes.Spec(factory.User.Id, new ListMyLikes.Query()));

        read.Rows.Select(l => l.Id).Should().Contain(songId);
        read.SelectedColumns().Should().BeEquivalentTo([.. SongColumns, "LikedAt"]);
        read.ShouldLoadNoEntity();
    }

    [Fact]
    public async Task ListUsersAndGetUser_SelectTheUserDtoColumnsOnly()
    {
        var list = await ReadAsync(new ListUsers.Spec(new ListUsers.Query()));
        var one = await ReadAsync(new UserDtoSpec(factory.User.Id), first: true);

        list.Rows.Should().NotBeEmpty();
        list.SelectedColumns().Should().BeEquivalentTo(UserColumns, "no password hash, stamps or normalized columns");
        list.ShouldLoadNoEntity();
        one.Rows.Should().ContainSingle().Which.Id.Should().Be(factory.User.Id);
        one.SelectedColumns().Should().BeEquivalentTo(UserColumns);
        one.ShouldLoadNoEntity();
    }

    [Theory]
    [InlineData("SELECT \"s\".\"Id\", (SELECT COUNT(*) FROM \"x\" AS \"x\" WHERE \"x\".\"A\" = 1) AS \"SongCount\", \"s\".\"Title\"\nFROM \"Songs\" AS \"s\"",
        "Id,SongCount,Title")]
    [InlineData("SELECT s.\"Id\", u0.\"LikedAt\"\nFROM (SELECT u.\"SongId\" FROM \"UserLikes\" AS u) AS u0", "Id,LikedAt")]
    public void SelectedColumns_ReadsTheOutermostSelectList(string sql, string expected)
    {
        var read = new Read<object>([sql], [], 0, 0);

        read.SelectedColumns().Should().Equal(expected.Split(','));
    }

    private async Task<(int AlbumId, int SongId)> SeedAsync()
    {
        var admin = factory.AsAdmin();
        var album = await admin.CreateAlbumAsync();
        var song = await admin.CreateSongAsync();
        await admin.LinkAsync(album.Id(), song.Id(), 1);
        var like = await factory.AsUser().PutAsync($"{CatalogApi.Songs}/{song.Id()}/like", null);
        like.StatusCode.Should().Be(HttpStatusCode.NoContent);
        return (album.Id(), song.Id());
    }

    /// <summary>
    /// Runs <paramref name="spec"/> through the app's repository as the handlers do (the first row only for a detail), capturing its SQL; then runs its
    /// projection once more on a tracking query of the same context, to show that it materializes no entity at all.
    /// </summary>
    private async Task<Read<TResult>> ReadAsync<T, TResult>(Specification<T, TResult> spec, bool first = false) where T : class
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var repository = scope.ServiceProvider.GetRequiredService<IReadRepository<T>>();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        List<TResult> rows;
        IReadOnlyList<string> commands;
        using (var capture = factory.Commands.Capture())
        {
            rows = first
                ? await repository.FirstOrDefaultAsync(spec) is { } one ? [one] : []
                : await repository.ListAsync(spec);
            commands = capture.Commands;
        }
        var trackedByRepository = db.ChangeTracker.Entries().Count();
        await spec.Project(db.Set<T>().AsTracking()).ToListAsync();
        return new Read<TResult>(commands, rows, trackedByRepository, db.ChangeTracker.Entries().Count());
    }

    /// <summary>SQLite's plan for <paramref name="sql"/>, each of its parameters set to <paramref name="value"/>; null on another provider.</summary>
    private async Task<string?> SqlitePlanAsync(string sql, int value)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        if (!db.Database.IsSqlite()) return null;
        return string.Join("\n", await SqlitePlan.StepsAsync(db, sql, value));
    }

    /// <summary>What a read ran and returned, and how many entities its context tracked afterwards.</summary>
    private sealed record Read<TResult>(IReadOnlyList<string> Commands, List<TResult> Rows, int TrackedByRepository, int TrackedByTrackingQuery)
    {
        public string Sql => Commands.Should().ContainSingle("one query per read").Subject;

        /// <summary>The column (or alias) names of the outermost SELECT list, on SQLite's and PostgreSQL's quoting alike.</summary>
        public IReadOnlyList<string> SelectedColumns()
        {
            var sql = Sql;
            var start = sql.IndexOf("SELECT", StringComparison.Ordinal) + "SELECT".Length;
            var items = new List<string>();
            var (depth, from) = (0, start);
            for (var i = start; i < sql.Length; i++)
            {
                if (sql[i] == '(') depth++;
                else if (sql[i] == ')') depth--;
                else if (depth == 0 && sql[i] == ',') { items.Add(sql[from..i]); from = i + 1; }
                else if (depth == 0 && string.CompareOrdinal(sql, i, "FROM", 0, 4) == 0 && char.IsWhiteSpace(sql[i - 1]))
                {
                    items.Add(sql[from..i]);
                    break;
                }
            }
            return items.Select(item => Regex.Match(item.Trim(), "\"?(\\w+)\"?$").Groups[1].Value).ToList();
        }

        public void ShouldLoadNoEntity()
        {
            TrackedByRepository.Should().Be(0, "a display read tracks nothing");
            TrackedByTrackingQuery.Should().Be(0, "the projection selects columns into DTOs and never materializes an entity");
        }
    }

    public sealed class Factory : MusicPlayerFactory
    {
        public CommandCapture Commands { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
                services.ConfigureDbContext<MusicPlayerDbContext>((_, options) => options.AddInterceptors(Commands)));
        }
    }

    /// <summary>Records the text of the commands run in the current async flow while a capture is open.</summary>
    public sealed class CommandCapture : DbCommandInterceptor
    {
        private readonly AsyncLocal<Session?> _current = new();

        public Session Capture() => _current.Value = new Session(this);

        public override ValueTask<InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<System.Data.Common.DbDataReader> result,
            CancellationToken cancellationToken = default)
        {
            _current.Value?.Add(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public sealed class Session(CommandCapture owner) : IDisposable
        {
            private readonly List<string> _commands = [];

            public IReadOnlyList<string> Commands => _commands;

            internal void Add(string sql) => _commands.Add(sql);

            public void Dispose() => owner._current.Value = null;
        }
    }
}
