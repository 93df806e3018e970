namespace MusicPlayer.Domain.Common;

/// <summary>Base of every persisted entity: an integer identity assigned by the store.</summary>
public abstract class Entity
{
    public int Id { get; protected set; }
}
