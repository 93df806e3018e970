using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.History;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Infrastructure.Persistence.Configurations;

internal sealed class PlayConfiguration : IEntityTypeConfiguration<Play>
{
    public const string CoveringIndex = "IX_Plays_UserId_PlayedAt_Covering";

    public void Configure(EntityTypeBuilder<Play> e)
    {
        e.ToTable("Plays");
        e.HasKey(p => p.Id);
        e.Property(p => p.ClientPlayId).HasMaxLength(PlayRules.ClientPlayIdMaxLength);
        e.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(p => p.Song).WithMany(s => s.Plays).HasForeignKey(p => p.SongId).OnDelete(DeleteBehavior.Cascade);
        // Idempotency: one play per user and client key (plays without a key are never duplicates;
        // SQL Server's convention filters the NULLs out, the other databases never compare them).
        e.HasIndex(p => new { p.UserId, p.ClientPlayId }).IsUnique();
        // History (newest first) and statistics over a date range read only this index: every column they need is in it.
        e.HasIndex(p => new { p.UserId, p.PlayedAt, p.SongId, p.Counted, p.SecondsPlayed, p.PlayedMinute }).HasDatabaseName(CoveringIndex);
        // A user's plays of one song, latest last: smart playlists' lastPlayedAt and per-song play counts.
        e.HasIndex(p => new { p.UserId, p.SongId, p.PlayedAt });
        e.HasIndex(p => p.SongId);
    }
}

internal sealed class SongPlayHourConfiguration : IEntityTypeConfiguration<SongPlayHour>
{
    public void Configure(EntityTypeBuilder<SongPlayHour> e)
    {
        e.ToTable("SongPlayHours");
        e.HasKey(h => new { h.SongId, h.Hour });
        e.HasOne<Song>().WithMany().HasForeignKey(h => h.SongId).OnDelete(DeleteBehavior.Cascade);
        // A chart sums the hours of its period per song, read in index order without touching the table.
        e.HasIndex(h => new { h.Hour, h.SongId, h.Plays });
    }
}
