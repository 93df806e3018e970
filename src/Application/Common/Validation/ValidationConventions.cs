namespace MusicPlayer.Application.Common.Validation;

/// <summary>
/// FluentValidation's process-wide settings for this application: messages name fields as clients
/// spell them (camelCase), so "'coverImageUrl' must be ..." matches the key it is reported under.
/// <see cref="DependencyInjection.AddApplication"/> applies them; whatever builds validators without
/// it (the unit tests) calls <see cref="Apply"/> once itself. Idempotent.
/// </summary>
public static class ValidationConventions
{
    public static void Apply() =>
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : char.ToLowerInvariant(member.Name[0]) + member.Name[1..];
}
