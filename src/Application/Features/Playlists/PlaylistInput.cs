using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Domain.Playlists;

namespace MusicPlayer.Application.Features.Playlists;

/// <summary>The body of playlist create and update. With <c>rules</c> the playlist is smart; without <c>isPublic</c> it is private.</summary>
public sealed record PlaylistInput(string? Name, string? Description = null, bool? IsPublic = null, PlaylistRules? Rules = null)
{
    /// <summary>The checked fields, the rules as canonical JSON (the validator has already refused bad rules).</summary>
    public PlaylistDetails ToDetails()
    {
        string? rules = null;
        if (Rules is not null)
        {
            var problems = new List<(string Path, string Message)>();
            rules = SmartRules.Parse(Rules, problems) is { } parsed
                ? SmartRules.ToJson(parsed)
                : throw new RequestValidationException(problems.GroupBy(p => p.Path).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
        }
        return new PlaylistDetails(Name, Description, IsPublic ?? false, rules);
    }
}

public sealed class PlaylistInputValidator : RequestValidator<PlaylistInput>
{
    public PlaylistInputValidator()
    {
        RuleFor(x => x.Name).RequiredText(PlaylistLimits.NameMaxLength);
        RuleFor(x => x.Description).OptionalText(PlaylistLimits.DescriptionMaxLength, multiline: true);
        RuleFor(x => x.Rules).Custom((rules, context) =>
        {
            if (rules is null) return;
            var problems = new List<(string Path, string Message)>();
            SmartRules.Parse(rules, problems);
            foreach (var (path, message) in problems) context.AddFailure(path, message);
        });
    }
}
