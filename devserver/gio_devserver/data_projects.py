"""Seeded organisation data: members, roles, departments and the two documented projects.

Objects reference each other (member -> enterableProjects -> projectMembers -> member),
as the schema's types do, so nested selections resolve at any depth.
"""

from __future__ import annotations

from .seedkit import ADMIN, XUJING, ts

# --- members, roles, projects -------------------------------------------------------

PERMISSIONS = [
    {"id": "p1QVaDy1", "action": "export", "name": "数据导出"},
    {"id": "p2QVaDy2", "action": "view", "name": "查看分析"},
    {"id": "p3QVaDy3", "action": "manage", "name": "项目管理"},
]
DATA_CENTER_ADMIN = {
    "id": "dcR0leAa",
    "name": "超级管理员",
    "description": "数据中心管理员",
    "permissions": PERMISSIONS,
    "isSystem": True,
    "isRoot": True,
    "isTechSupport": False,
}
DATA_CENTER_USER = {
    "id": "dcR0leUu",
    "name": "普通成员",
    "description": None,
    "permissions": PERMISSIONS[1:],
    "isSystem": True,
    "isRoot": False,
    "isTechSupport": False,
}
DEPARTMENT = {"id": "dEpT0001", "name": "数据部", "parentId": "0", "departments": [], "memberCount": 2}
MEMBERS = [
    {
        "id": ADMIN,
        "name": "admin",
        "source": "origin",
        "avatar": None,
        "email": "admin@example.com",
        "createdAt": ts("2020-12-01T08:00:00Z"),
        "phoneNumber": "13800000000",
        "directDepartment": DEPARTMENT,
        "identity": "admin",
        "dataCenterRole": DATA_CENTER_ADMIN,
        "lastVisitAt": ts("2021-04-13T11:40:00Z"),
        "creator": "system",
    },
    {
        "id": XUJING,
        "name": "xujing",
        "source": "ldap",
        "avatar": None,
        "email": "xujing@example.com",
        "createdAt": ts("2021-01-05T02:00:00Z"),
        "phoneNumber": None,
        "directDepartment": DEPARTMENT,
        "identity": "xujing",
        "dataCenterRole": DATA_CENTER_USER,
        "lastVisitAt": ts("2021-04-12T09:30:00Z"),
        "creator": "admin",
    },
]
DEPARTMENT["members"] = MEMBERS
DATA_CENTER_ADMIN["members"] = MEMBERS[:1]
DATA_CENTER_USER["members"] = MEMBERS[1:]
PROJECT_ROLES = [
    {
        "id": "rOlE0001",
        "name": "项目管理员",
        "description": "拥有项目全部权限",
        "members": MEMBERS[:1],
        "permissions": PERMISSIONS,
        "isSystem": True,
        "isRoot": True,
        "isTechSupport": False,
    },
    {
        "id": "rOlE0002",
        "name": "分析师",
        "description": "可查看与导出分析",
        "members": MEMBERS[1:],
        "permissions": PERMISSIONS[:2],
        "isSystem": True,
        "isRoot": False,
        "isTechSupport": False,
    },
]


def _project(pid: str, name: str, description: str | None, created: str) -> dict:
    members = [
        {
            "member": MEMBERS[0],
            "role": PROJECT_ROLES[0],
            "joinedAt": ts(created),
            "lastVisitAt": ts("2021-04-13T11:40:00Z"),
        },
        {
            "member": MEMBERS[1],
            "role": PROJECT_ROLES[1],
            "joinedAt": ts("2021-01-05T02:10:00Z"),
            "lastVisitAt": ts("2021-04-12T09:30:00Z"),
        },
    ]
    return {
        "id": pid,
        "name": name,
        "description": description,
        "creator": "admin",
        "creatorId": ADMIN,
        "createdAt": ts(created),
        "owner": "admin",
        "ownerId": ADMIN,
        "projectMembers": members,
        "projectRoles": PROJECT_ROLES,
        "projectMemberCount": len(members),
    }


PROJECTS = [
    _project("WlGk4Daj", "默认项目", "系统创建的默认项目", "2020-12-01T08:00:00Z"),
    _project("xNQXmjpM", "project_测试项目", None, "2021-01-10T06:00:00Z"),
]
for _m in MEMBERS:
    _m["enterableProjects"] = PROJECTS
