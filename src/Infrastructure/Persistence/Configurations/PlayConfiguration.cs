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
        // A user's plays of one song, latest last: smart playlists' lastPlayedAt and per-song play counts; with Counted,
        // statistics group a user's counted plays by song in this index's order, without a sort or a table read.
        e.HasIndex(p => new { p.UserId, p.SongId, p.PlayedAt, p.Counted });
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

internal sealed class UserPlayHourConfiguration : IEntityTypeConfiguration<UserPlayHour>
{
    public void Configure(EntityTypeBuilder<UserPlayHour> e)
    {
        e.ToTable("UserPlayHours");
        e.HasKey(h => new { h.UserId, h.Hour });
        e.HasOne<User>().WithMany().HasForeignKey(h => h.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ChartWindowConfiguration : IEntityTypeConfiguration<ChartWindow>
{
    public void Configure(EntityTypeBuilder<ChartWindow> e)
    {
        e.ToTable("ChartWindows");
        e.HasKey(w => w.Hours);
        e.Property(w => w.Hours).ValueGeneratedNever();
    }
}

internal sealed class SongPlayWindowConfiguration : IEntityTypeConfiguration<SongPlayWindow>
{
    public const string RankIndex = "IX_SongPlayWindows_Hours_Plays_SongId";

    public void Configure(EntityTypeBuilder<SongPlayWindow> e)
    {
        e.ToTable("SongPlayWindows");
        e.HasKey(w => new { w.Hours, w.SongId });
        e.HasOne<ChartWindow>().WithMany().HasForeignKey(w => w.Hours).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Song>().WithMany().HasForeignKey(w => w.SongId).OnDelete(DeleteBehavior.Cascade);
        // A chart page is a range of this index in its own order (most plays first, ties by id), read with LIMIT.
        e.HasIndex(w => new { w.Hours, w.Plays, w.SongId }).IsDescending(false, true, false).HasDatabaseName(RankIndex);
    }
}
