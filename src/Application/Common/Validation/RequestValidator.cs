namespace MusicPlayer.Application.Common.Validation;

/// <summary>
/// Base of every request validator. Field names in its messages follow <see cref="ValidationConventions"/>
/// (camelCase), which <see cref="DependencyInjection.AddApplication"/> applies.
/// </summary>
public abstract class RequestValidator<T> : AbstractValidator<T>;
