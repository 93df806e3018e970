using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Comments;

namespace MusicPlayer.Infrastructure.Persistence.Configurations;

/// <summary>Comments go with their song and with their author (cascading foreign keys).</summary>
internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> e)
    {
        e.ToTable("Comments");
        e.HasKey(c => c.Id);
        e.Property(c => c.Body).HasMaxLength(Comment.BodyMaxLength).IsRequired();
        e.HasOne<Song>().WithMany().HasForeignKey(c => c.SongId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(c => c.Author).WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Cascade);
        // A song's comments newest first, and their count, read straight off this index.
        e.HasIndex(c => new { c.SongId, c.CreatedAt, c.Id });
        // An author's recent comments, for the per-user limit (and the cascade when the author goes).
        e.HasIndex(c => new { c.AuthorId, c.CreatedAt });
    }
}
