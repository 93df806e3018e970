using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MusicPlayer.Domain.Likes;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Infrastructure.Persistence.Configurations;

internal sealed class UserLikeConfiguration : IEntityTypeConfiguration<UserLike>
{
    public void Configure(EntityTypeBuilder<UserLike> e)
    {
        e.ToTable("UserLikes");
        e.HasKey(l => new { l.UserId, l.SongId });
        e.HasOne<User>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(l => l.Song).WithMany(s => s.Likes).HasForeignKey(l => l.SongId).OnDelete(DeleteBehavior.Cascade);
        // "My likes", newest first, is read straight off this index.
        e.HasIndex(l => new { l.UserId, l.LikedAt, l.SongId });
        e.HasIndex(l => l.SongId);
    }
}
