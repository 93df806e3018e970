using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MusicPlayer.Domain.Uploads;

namespace MusicPlayer.Infrastructure.Persistence.Configurations;

/// <summary>
/// Upload sessions. <c>CreatedBy</c> and <c>SongId</c> are plain values, not foreign keys: deleting a user or
/// a song must not take a session with it before the sweep has released its bytes.
/// </summary>
internal sealed class UploadSessionConfiguration : IEntityTypeConfiguration<UploadSession>
{
    public void Configure(EntityTypeBuilder<UploadSession> e)
    {
        e.ToTable("UploadSessions");
        e.HasKey(s => s.Id);
        e.Property(s => s.FileName).HasMaxLength(UploadSession.FileNameMaxLength).IsRequired();
        e.Property(s => s.Sha256).HasMaxLength(UploadSession.Sha256Length);
        e.Property(s => s.StoredKey).HasMaxLength(UploadSession.StorageKeyMaxLength);
        e.Property(s => s.StoredSha256).HasMaxLength(UploadSession.Sha256Length);
        e.HasIndex(s => s.ExpiresAt);
        e.HasIndex(s => s.StoredKey);
    }
}
