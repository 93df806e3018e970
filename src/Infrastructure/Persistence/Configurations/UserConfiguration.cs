using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Infrastructure.Persistence.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public const int RoleMaxLength = 20;
    public const int PasswordHashMaxLength = 200;

    public void Configure(EntityTypeBuilder<User> e)
    {
        e.ToTable("Users");
        e.HasKey(u => u.Id);
        e.Property(u => u.Username).HasMaxLength(User.UsernameMaxLength).IsRequired();
        e.Property(u => u.NormalizedUsername).HasMaxLength(User.UsernameMaxLength).IsRequired();
        e.Property(u => u.Email).HasMaxLength(User.EmailMaxLength).IsRequired();
        e.Property(u => u.NormalizedEmail).HasMaxLength(User.EmailMaxLength).IsRequired();
        e.Property(u => u.FirstName).HasMaxLength(User.NameMaxLength).IsRequired();
        e.Property(u => u.LastName).HasMaxLength(User.NameMaxLength);
        e.Property(u => u.Role).HasMaxLength(RoleMaxLength).IsRequired();
        e.Property(u => u.PasswordHash).HasMaxLength(PasswordHashMaxLength).IsRequired();
        // Added to a table with rows (migration ProgressiveLockout): existing users start with no lockouts.
        e.Property(u => u.LockoutCount).HasDefaultValue(0);
        e.HasIndex(u => u.NormalizedUsername).IsUnique();
        e.HasIndex(u => u.NormalizedEmail).IsUnique();
        e.HasIndex(u => u.Role);
    }
}

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public const int HashLength = 64;

    public void Configure(EntityTypeBuilder<RefreshToken> e)
    {
        e.ToTable("RefreshTokens");
        e.HasKey(t => t.Id);
        e.Property(t => t.TokenHash).HasMaxLength(HashLength).IsRequired();
        // Added to a table with rows (migration RefreshTokenSessionVersion), which fills it in from the users.
        e.Property(t => t.SessionVersion).HasDefaultValue(0);
        e.HasIndex(t => t.TokenHash).IsUnique();
        e.HasIndex(t => t.FamilyId);
        e.HasIndex(t => t.UserId);
        e.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
