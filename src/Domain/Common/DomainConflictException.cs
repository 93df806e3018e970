namespace MusicPlayer.Domain.Common;

/// <summary>
/// A change that is well formed but conflicts with the aggregate's current state (a full playlist, entries on
/// a smart playlist). Unlike <see cref="DomainException"/> (bad input, 400) this is a 409.
/// </summary>
public sealed class DomainConflictException(string message) : Exception(message);
