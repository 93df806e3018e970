using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Comments;
using MusicPlayer.Infrastructure.Security;
using MusicPlayer.Domain.History;
using MusicPlayer.Domain.Likes;
using MusicPlayer.Domain.Playlists;
using MusicPlayer.Domain.Uploads;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Infrastructure.Persistence;

public sealed class MusicPlayerDbContext(DbContextOptions<MusicPlayerDbContext> options) : DbContext(options)
{
    public DbSet<Album> Albums => Set<Album>();
    public DbSet<Song> Songs => Set<Song>();
    public DbSet<AlbumSong> AlbumSongs => Set<AlbumSong>();
    public DbSet<User> Users => Set<User>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<UserLike> UserLikes => Set<UserLike>();
    public DbSet<UploadSession> UploadSessions => Set<UploadSession>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();
    public DbSet<Playlist> Playlists => Set<Playlist>();
    public DbSet<PlaylistEntry> PlaylistEntries => Set<PlaylistEntry>();
    public DbSet<Play> Plays => Set<Play>();
    public DbSet<SongPlayHour> SongPlayHours => Set<SongPlayHour>();
    public DbSet<UserPlayHour> UserPlayHours => Set<UserPlayHour>();
    public DbSet<ChartWindow> ChartWindows => Set<ChartWindow>();
    public DbSet<SongPlayWindow> SongPlayWindows => Set<SongPlayWindow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MusicPlayerDbContext).Assembly);

        // The model's one piece of SQL that differs by provider (quoting).
        var unindexed = Search.SearchIndexSql.UnindexedRowsFilter(Database.IsSqlServer());
        modelBuilder.Entity<Album>().HasIndex(a => a.Id, Search.SearchIndexSql.UnindexedRowsIndex("Albums")).HasFilter(unindexed);
        modelBuilder.Entity<Song>().HasIndex(s => s.Id, Search.SearchIndexSql.UnindexedRowsIndex("Songs")).HasFilter(unindexed);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Timestamps are written in UTC; SQLite hands them back without a kind, so say it once here.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
    }

    // Internal, not private: the compiled model (Persistence/CompiledModel) constructs it.
    internal sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
