using Mapster;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.History;

namespace MusicPlayer.Application.Features.History;

/// <summary>Plays as the caller's history shows them: the play's fields and the song as lists show it.</summary>
public sealed class HistoryMappings : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        config.NewConfig<Play, PlayDto>();

        // A song on a chart; a period's chart replaces Plays with the plays in the period.
        config.NewConfig<Song, ChartSongDto>()
            .Map(d => d.Plays, s => s.PlayCount);
    }
}
