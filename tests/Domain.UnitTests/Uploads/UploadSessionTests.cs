using MusicPlayer.Domain.Common;
using MusicPlayer.Domain.Uploads;

namespace MusicPlayer.Domain.UnitTests.Uploads;

public sealed class UploadSessionTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);
    private static readonly string Hash = new('a', 64);

    [Fact]
    public void Create_KeepsTheDeclaration_AndExpiresAfterItsLifetime()
    {
        var session = UploadSession.Create("  song.flac ", 10, Hash.ToUpperInvariant(), 3, Now, TimeSpan.FromMinutes(60));

        session.FileName.Should().Be("song.flac");
        session.Sha256.Should().Be(Hash);
        session.ExpiresAt.Should().Be(Now.AddHours(1));
        session.IsExpired(Now.AddMinutes(59)).Should().BeFalse();
        session.IsExpired(Now.AddHours(1)).Should().BeTrue();
        session.StoredKey.Should().BeNull();
    }

    [Theory]
    [InlineData("", 10, null, "fileName")]
    [InlineData("a", 0, null, "size")]
    [InlineData("a", 10, "xyz", "sha256")]
    public void Create_RefusesAnInvalidDeclaration(string fileName, long size, string? sha256, string field)
    {
        var act = () => UploadSession.Create(fileName, size, sha256, 1, Now, TimeSpan.FromMinutes(1));

        act.Should().Throw<DomainException>().Which.Field.Should().Be(field);
    }

    [Fact]
    public void Receive_TakesOnlyTheDeclaredBytes_AndCompleteRemembersTheSong()
    {
        var session = UploadSession.Create("a.flac", 10, Hash, 1, Now, TimeSpan.FromMinutes(1));

        ((Action)(() => session.Complete(5, Now))).Should().Throw<InvalidOperationException>();
        ((Action)(() => session.Receive("k", 9, Hash))).Should().Throw<InvalidOperationException>();
        ((Action)(() => session.Receive("k", 10, new string('b', 64)))).Should().Throw<InvalidOperationException>();
        session.Receive("k", 10, Hash);
        session.Complete(5, Now);

        session.StoredKey.Should().Be("k");
        session.StoredSha256.Should().Be(Hash);
        session.SongId.Should().Be(5);
        session.IsCompleted.Should().BeTrue();
        ((Action)(() => session.Receive("k", 10, Hash))).Should().Throw<InvalidOperationException>();
    }
}
