using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Infrastructure.Persistence.Configurations;

/// <summary>Columns and list indexes that albums and songs share.</summary>
internal static class CatalogItemConfiguration
{
    public static void ConfigureCatalogItem<T>(this EntityTypeBuilder<T> e) where T : CatalogItem
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Title).HasMaxLength(CatalogRules.TitleMaxLength).IsRequired();
        e.Property(x => x.Artist).HasMaxLength(CatalogRules.ArtistMaxLength).IsRequired();
        e.Property(x => x.Genre).HasMaxLength(CatalogRules.GenreMaxLength).IsRequired();
        e.Property(x => x.Description).HasMaxLength(CatalogRules.DescriptionMaxLength);
        e.Property(x => x.CoverImageUrl).HasMaxLength(CatalogRules.UrlMaxLength);
        e.Property(x => x.NormalizedTitle).HasMaxLength(CatalogRules.TitleMaxLength).IsRequired();
        e.Property(x => x.NormalizedArtist).HasMaxLength(CatalogRules.ArtistMaxLength).IsRequired();
        e.Property(x => x.NormalizedGenre).HasMaxLength(CatalogRules.GenreMaxLength).IsRequired();

        // The search index (see SearchIndexMaintenance): keys by the domain, the document by the save itself.
        e.Property(x => x.SearchKey).HasMaxLength(CatalogRules.SearchKeyMaxLength).IsRequired().HasDefaultValue("");
        e.Property(x => x.ArtistKey).HasMaxLength(CatalogRules.SearchKeyMaxLength).IsRequired().HasDefaultValue("");
        e.Property(x => x.ArtistText).IsRequired().HasDefaultValue("");
        e.Property<string>(Search.SearchIndexMaintenance.DocumentColumn).IsRequired().HasDefaultValue("");
        // Exact and prefix search tiers read titles by key. (Artists are grouped by key: each table has its own covering index.)
        e.HasIndex(x => x.SearchKey);

        // One index per list order, each ending on the id the sort ends on; the filters lead where they apply.
        e.HasIndex(x => new { x.NormalizedTitle, x.Id });
        e.HasIndex(x => new { x.NormalizedArtist, x.NormalizedTitle, x.Id });
        e.HasIndex(x => new { x.NormalizedGenre, x.NormalizedTitle, x.Id });
        e.HasIndex(x => new { x.CreatedAt, x.Id });

        // A stored cover: columns of the row (all null when there is none); by key for the reference check before its bytes are deleted.
        e.OwnsOne(x => x.Cover, c =>
        {
            c.Property(p => p.StorageKey).HasColumnName("CoverStorageKey").HasMaxLength(AudioFile.StorageKeyMaxLength).IsRequired();
            c.Property(p => p.MimeType).HasColumnName("CoverMimeType").HasMaxLength(CoverImage.MimeTypeMaxLength).IsRequired();
            c.Property(p => p.Size).HasColumnName("CoverSize").IsRequired();
            c.Property(p => p.Sha256).HasColumnName("CoverSha256").HasMaxLength(AudioFile.Sha256Length).IsRequired();
            c.HasIndex(p => p.StorageKey);
        });
    }
}

internal sealed class AlbumConfiguration : IEntityTypeConfiguration<Album>
{
    public void Configure(EntityTypeBuilder<Album> e)
    {
        e.ToTable("Albums");
        e.ConfigureCatalogItem();
        // Artists grouped by key and spelling, from the index alone.
        e.HasIndex(a => new { a.ArtistKey, a.Artist });
        e.HasMany(a => a.Songs).WithOne(l => l.Album).HasForeignKey(l => l.AlbumId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(a => a.Songs).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class SongConfiguration : IEntityTypeConfiguration<Song>
{
    public void Configure(EntityTypeBuilder<Song> e)
    {
        e.ToTable("Songs");
        e.ConfigureCatalogItem();
        e.Property(s => s.FileUrl).HasMaxLength(CatalogRules.UrlMaxLength).IsRequired();
        // Stored audio: columns of the row (all null when there is none); by SHA-256 for duplicate uploads, by key for reference checks.
        e.OwnsOne(s => s.Audio, a =>
        {
            a.Property(p => p.StorageKey).HasColumnName("AudioStorageKey").HasMaxLength(AudioFile.StorageKeyMaxLength).IsRequired();
            a.Property(p => p.Format).HasColumnName("AudioFormat").HasMaxLength(AudioFile.FormatMaxLength).IsRequired();
            a.Property(p => p.MimeType).HasColumnName("AudioMimeType").HasMaxLength(AudioFile.MimeTypeMaxLength).IsRequired();
            a.Property(p => p.Size).HasColumnName("AudioSize").IsRequired();
            a.Property(p => p.Sha256).HasColumnName("AudioSha256").HasMaxLength(AudioFile.Sha256Length).IsRequired();
            a.Property(p => p.DurationSeconds).HasColumnName("AudioDurationSeconds").IsRequired();
            a.Property(p => p.Bitrate).HasColumnName("AudioBitrate");
            a.Property(p => p.SampleRate).HasColumnName("AudioSampleRate");
            a.Property(p => p.Channels).HasColumnName("AudioChannels");
            a.HasIndex(p => p.Sha256);
            a.HasIndex(p => p.StorageKey);
        });
        e.HasIndex(s => new { s.LikeCount, s.Id });
        // Added to a table with rows: existing songs start at 0.
        e.Property(s => s.PlayCount).HasDefaultValue(0);
        e.HasIndex(s => new { s.PlayCount, s.Id });
        // Search reads its many-match tiers in popularity order (likes, then plays), stopping at the limit.
        e.HasIndex(s => new { s.LikeCount, s.PlayCount, s.Id });
        // Artists grouped by key and spelling with their likes and plays, from the index alone.
        e.HasIndex(s => new { s.ArtistKey, s.Artist, s.LikeCount, s.PlayCount });
        // Most-liked within a genre or an artist, read in index order.
        e.HasIndex(s => new { s.NormalizedGenre, s.LikeCount, s.Id });
        e.HasIndex(s => new { s.NormalizedArtist, s.LikeCount, s.Id });
        e.HasMany(s => s.Albums).WithOne(l => l.Song).HasForeignKey(l => l.SongId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(s => s.Albums).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.Navigation(s => s.Likes).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class AlbumSongConfiguration : IEntityTypeConfiguration<AlbumSong>
{
    public void Configure(EntityTypeBuilder<AlbumSong> e)
    {
        e.ToTable("AlbumSongs");
        e.HasKey(l => new { l.AlbumId, l.SongId });
        e.Property(l => l.TrackNumber).HasField("_trackNumber");
        e.HasIndex(l => l.SongId);
    }
}
