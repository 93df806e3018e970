using System.Linq.Expressions;
using Mapster;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Application.Common.Mapping;
using MusicPlayer.Application.Features.Albums;
using MusicPlayer.Application.Features.Likes;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Application.Features.Users;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Likes;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.UnitTests.Common.Mapping;

/// <summary>
/// The Mapster configuration compiles as a whole, so a broken mapping fails here rather than in a request,
/// and it is strict enough for that to mean something.
/// </summary>
public sealed class MappingsTests
{
    private static readonly (Type Source, Type Destination)[] FeaturePairs =
    [
        (typeof(Album), typeof(AlbumDto)),
        (typeof(Album), typeof(AlbumDetailDto)),
        (typeof(Song), typeof(SongDto)),
        (typeof(Song), typeof(SongDetailDto)),
        (typeof(AlbumSong), typeof(AlbumTrackDto)),
        (typeof(UserLike), typeof(LikedSongDto)),
        (typeof(User), typeof(UserDto)),
    ];

    [Fact]
    public void AddApplication_RegistersTheOneConfigWithEveryFeaturesMappings()
    {
        using var provider = new ServiceCollection().AddApplication().BuildServiceProvider();

        var config = provider.GetRequiredService<TypeAdapterConfig>();

        config.Should().BeSameAs(Mappings.Config);
        config.RuleMap.Keys.Select(k => (k.Source, k.Destination)).Should().Contain(FeaturePairs);
    }

    [Fact]
    public void Compile_TheAppsConfig_CompilesEveryMappingAndProjection()
    {
        var config = Mappings.Config;

        var compile = () => config.Compile();
        var compileProjections = () => config.CompileProjection();

        compile.Should().NotThrow();
        compileProjections.Should().NotThrow();
    }

    [Fact]
    public void Compile_ADtoMemberWithoutASource_Fails()
    {
        var config = Mappings.Create();
        config.NewConfig<Song, SongWithAnUnknownMember>();

        var compile = () => config.Compile();

        compile.Should().Throw<CompileException>()
            .Which.InnerException!.Message.Should().Contain(nameof(SongWithAnUnknownMember.SkipCount));
    }

    [Fact]
    public void Map_APairNobodyConfigured_IsRefused()
    {
        var song = TestData.Song(id: 1);

        var map = () => Mappings.Map<Song, AlbumDto>(song);

        map.Should().Throw<CompileException>("only configured pairs may map, so the compile test covers all in use");
    }

    [Fact]
    public void Projection_IsAPlainObjectInitialiserOverTheEntitysColumns()
    {
        var projection = Mappings.Projection<Song, SongDto>();

        var init = projection.Body.Should().BeAssignableTo<MemberInitExpression>().Subject;
        init.Bindings.Select(b => b.Member.Name).Should().BeEquivalentTo(typeof(SongDto).GetProperties().Select(p => p.Name));
        var bindings = init.Bindings.Cast<MemberAssignment>().ToList();
        bindings.Where(b => b.Member.Name != nameof(SongDto.Audio)).Select(b => b.Expression).Should()
            .AllSatisfy(e => e.Should().BeAssignableTo<MemberExpression>()
                .Which.Expression.Should().BeSameAs(projection.Parameters[0], "each field is a column of the song, no conditionals"));
        // The stored audio is the one nested shape: null when the song has none, else the owned columns.
        bindings.Single(b => b.Member.Name == nameof(SongDto.Audio)).Expression.Should().BeAssignableTo<ConditionalExpression>();
        Mappings.Projection<Song, SongDto>().Should().BeSameAs(projection, "each pair's projection is built once");
    }

    [Fact]
    public void Projection_OfATrack_TakesTheSongsFieldsAndTheLinksTrackNumber()
    {
        var album = TestData.Album(id: 3);
        var song = TestData.Song(id: 5);
        album.SetSong(song, 4);

        var track = Mappings.Projection<AlbumSong, AlbumTrackDto>().Compile()(album.Songs.Single());

        track.Should().BeEquivalentTo(Mappings.Map<Song, SongDto>(song));
        track.TrackNumber.Should().Be(4);
    }

    [Fact]
    public void Map_AnAlbumInMemory_CountsItsSongs()
    {
        var album = TestData.Album(id: 3);
        album.SetSong(TestData.Song(id: 5), 1);
        album.SetSong(TestData.Song(id: 6), null);

        var dto = Mappings.Map<Album, AlbumDetailDto>(album);

        (dto.Id, dto.Title, dto.SongCount).Should().Be((3, album.Title, 2));
    }

    [Fact]
    public void Map_ASongInMemory_LeavesTheCallerDependentFieldsEmpty()
    {
        var song = TestData.Song(id: 5);

        var dto = Mappings.Map<Song, SongDetailDto>(song);

        (dto.Id, dto.FileUrl, dto.Albums.Count, dto.LikedByMe).Should().Be((5, song.FileUrl, 0, false));
    }

    public sealed record SongWithAnUnknownMember : SongDto
    {
        public int SkipCount { get; init; }
    }
}
