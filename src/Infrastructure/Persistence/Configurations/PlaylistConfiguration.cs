using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MusicPlayer.Domain.Playlists;

namespace MusicPlayer.Infrastructure.Persistence.Configurations;

internal sealed class PlaylistConfiguration : IEntityTypeConfiguration<Playlist>
{
    public void Configure(EntityTypeBuilder<Playlist> e)
    {
        e.ToTable("Playlists");
        e.HasKey(p => p.Id);
        e.Property(p => p.Name).HasMaxLength(PlaylistLimits.NameMaxLength).IsRequired();
        e.Property(p => p.NormalizedName).HasMaxLength(PlaylistLimits.NameMaxLength).IsRequired();
        e.Property(p => p.Description).HasMaxLength(PlaylistLimits.DescriptionMaxLength);
        e.Property(p => p.Rules).HasMaxLength(PlaylistLimits.RulesMaxLength);
        // Saves of a tracked playlist (update, delete) only succeed on the version they read.
        e.Property(p => p.Version).IsConcurrencyToken();
        e.Ignore(p => p.IsSmart);
        e.Navigation(p => p.Entries).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.HasOne(p => p.Owner).WithMany().HasForeignKey(p => p.OwnerId).OnDelete(DeleteBehavior.Cascade);
        // "My playlists" by name; public ones by name, by last change and by size.
        e.HasIndex(p => new { p.OwnerId, p.NormalizedName, p.Id });
        e.HasIndex(p => new { p.IsPublic, p.NormalizedName, p.Id });
        e.HasIndex(p => new { p.IsPublic, p.UpdatedAt, p.Id });
        e.HasIndex(p => new { p.IsPublic, p.SongCount, p.Id });
    }
}

internal sealed class PlaylistEntryConfiguration : IEntityTypeConfiguration<PlaylistEntry>
{
    public void Configure(EntityTypeBuilder<PlaylistEntry> e)
    {
        e.ToTable("PlaylistEntries");
        e.HasKey(x => x.Id);
        e.HasOne<Playlist>().WithMany(p => p.Entries).HasForeignKey(x => x.PlaylistId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Song).WithMany().HasForeignKey(x => x.SongId).OnDelete(DeleteBehavior.Cascade);
        // Pages in playlist order and the neighbours of a place an entry goes to, read from the index alone.
        e.HasIndex(x => new { x.PlaylistId, x.SortKey, x.Id });
        // A song's entries (its deletion takes them out of every playlist; a duration edit finds the playlists to correct).
        e.HasIndex(x => x.SongId);
    }
}
