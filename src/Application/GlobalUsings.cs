global using FluentValidation;
global using MediatR;
