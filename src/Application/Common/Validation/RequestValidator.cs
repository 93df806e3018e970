using FluentValidation;

namespace MusicPlayer.Application.Common.Validation;

/// <summary>
/// Base of every request validator: messages name fields as clients spell them (camelCase),
/// so "'coverImageUrl' must be ..." matches the key it is reported under.
/// </summary>
public abstract class RequestValidator<T> : AbstractValidator<T>
{
    static RequestValidator() =>
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : char.ToLowerInvariant(member.Name[0]) + member.Name[1..];
}
